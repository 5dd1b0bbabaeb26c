// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// Builds the precompiled header the test binaries share.
