"""/publicatie/: the publishable table of a period with disclosure control applied, and its downloads."""
