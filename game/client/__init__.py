"""Expo Showdown."""
