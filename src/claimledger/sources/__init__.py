"""Sources and attribution: who said it, through whom, and on which side."""
