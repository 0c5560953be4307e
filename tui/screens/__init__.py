"""The app's screens: the start screen, then the main screen."""
