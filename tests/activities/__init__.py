"""Pure tests of the activity types (a package, so their basenames may repeat those in tests/)."""
