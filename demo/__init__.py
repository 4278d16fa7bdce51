"""The bundled demo province (Khon Kaen)."""
