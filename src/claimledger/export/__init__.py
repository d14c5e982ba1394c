"""Writing stored claims out for other tools: ACLED-style CSV, GeoJSON, and the claims listing."""
