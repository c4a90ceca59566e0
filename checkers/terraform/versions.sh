# The exact tool versions the checkers build or install (sourced by the scripts beside this file).
# Go modules are pinned by version AND by the module hash Go records (h1:...), because the checksum
# database has no record of the providers' pseudo-versions (lookups answer 404), so the hash is checked
# here instead. The commits are those of the providers' release tags in their GitHub repositories.

# hashicorp/random v3.7.2 (tag commit bc2ddb552b4676d16997987a9bf2875c7b98d342): the release the CDKTF
# bindings (@cdktf/provider-random 12.0.1) were generated from. Its go.mod names the module by the
# repository's old path, and v3 tags are not semver for a path without /v3, so Go addresses the tag
# commit by a pseudo-version.
RANDOM_MODULE=github.com/terraform-providers/terraform-provider-random
RANDOM_VERSION=v1.3.2-0.20250422105519-bc2ddb552b46
RANDOM_SUM=h1:xKgqtuIoGzvqpCXcHvLrftZm4h9XusvFIa2OBdAkI4g=
RANDOM_RELEASE=3.7.2

# hashicorp/azurerm: the bindings were generated from 4.55.0 (CDKTF) and 4.73.0 (CDK Terrain), tag
# commits 37bf7f03b661b804a59fd62fd6f6e6b8ee4a69df and 648b43f174d5349ce7ce3d7a685f63bfcaf1d310, but
# the Go module proxy serves neither (every form, v4.55.0, the commit, its pseudo-version
# v1.44.1-0.20251204165152-37bf7f03b661, answers 403 "This module version is not available"). The one
# version it serves is commit fae580791926 of 24 August 2026: 5.2.0 and a few commits (its CHANGELOG
# tops out at 5.2.0), so both flavours are validated against that one build (docs/checkers.md).
AZURERM_BINDINGS_CDKTF=4.55.0
AZURERM_BINDINGS_CDKTN=4.73.0
AZURERM_MODULE=github.com/hashicorp/terraform-provider-azurerm
AZURERM_VERSION=v1.44.1-0.20260824201233-fae580791926
AZURERM_SUM=h1:SOgvTJZXNyxmkHHHx8ifgotbvhOi/eadVkoyBNr+4hk=
AZURERM_RELEASE="5.2.0+ (commit fae580791926)"

# Terraform itself, built rather than taken from PATH so every machine validates with the same one.
# 1.8.5 is the newest release `go install` can build from its module: from 1.9 on, go.mod replaces
# the remote-state backends with nested modules that the published module zip does not contain.
TERRAFORM_MODULE=github.com/hashicorp/terraform
TERRAFORM_VERSION=v1.8.5
TERRAFORM_SUM=h1:qsZZLERVJoBe7a9PlVaZAmi+18qsBnbSSbrtAlsBoIY=
