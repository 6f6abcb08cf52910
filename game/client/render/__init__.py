"""Drawing: the stage, the HUD and the camera. Everything here only reads game state."""
