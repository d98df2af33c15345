"""Analysis over every report of a run (or of a reference index): which reports are the same
body's, and which text one report shares with another (copy detection, CPY rules)."""
