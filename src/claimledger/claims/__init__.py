"""Claims: what each statement claims — type, ACLED event type, figures, dates, actors, status."""
