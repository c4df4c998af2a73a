"""What the action keys do, one flow per feature; the app and screens stay thin."""
