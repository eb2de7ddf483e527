"""Aanleveringen: the list, the supplier's grid and saving its figures, review, history (/aanleveringen/)."""
