"""Network maps (pyvis HTML). Built in a later issue."""
