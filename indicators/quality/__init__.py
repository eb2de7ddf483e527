"""Quality of the figures (/kwaliteit/): parsing what is typed, validatieregels and outliers, completeness."""
