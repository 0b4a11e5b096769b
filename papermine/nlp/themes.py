"""The priority theme taxonomy, as the tagger uses it. It lives in the model
layer (`papermine.model.themes`), so readers of the store need no spaCy."""
from ..model.themes import OTHER, classify_theme, neutral_phrases, theme_labels

__all__ = ["classify_theme", "theme_labels", "neutral_phrases", "OTHER"]
