"""Full screens: the audit view and the empty state."""
