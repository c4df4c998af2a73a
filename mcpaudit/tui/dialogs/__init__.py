"""Modal dialogs, one ModalScreen a file, each with its own small styles."""
