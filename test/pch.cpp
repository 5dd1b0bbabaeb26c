// Builds the precompiled header the test binaries share.
