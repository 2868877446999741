"""newswire.v1: code generated from proto/newswire/v1 by regenerate.sh (do not edit)."""
