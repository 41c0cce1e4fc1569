# tourcentre: two commands set everything up.
#   make run   installs missing system packages, builds what make test builds, opens the exhibit
#   make test  installs missing system packages, runs the whole test suite
# A new machine needs only the Rust toolchain: the Debian packages below are installed here
# (apt-get as root; otherwise the exact sudo line is printed and make stops).

SHELL := /bin/bash
CARGO ?= cargo

# Build-time libraries of bevy and rodio (wayland, ALSA, udev, xkbcommon).
BUILD_PACKAGES := pkg-config libasound2-dev libudev-dev libwayland-dev libxkbcommon-dev
# The exhibit's screenshot test runs under Xvfb with Mesa's software Vulkan; the server's browser
# tests drive headless Chromium through chromedriver.
TEST_PACKAGES := xvfb xauth mesa-vulkan-drivers chromium chromium-driver

# Cargo's target directory (.ci/run sets it); the browser tests' accessibility checks load axe-core
# from npm/ in it (they find it from CARGO_TARGET_TMPDIR, which is its tmp/).
CARGO_TARGET_DIR ?= target
AXE_JS := $(CARGO_TARGET_DIR)/npm/node_modules/axe-core/axe.min.js

.PHONY: run test check-packages test-packages build lint bench

# One profile for both (Cargo.toml: dependencies optimised in the dev profile): `make run` builds the
# test targets too, so the binary and its dependencies are the very ones `make test` compiled (with
# the dev-dependencies' features); after `make test` the first window comes in seconds.
run: check-packages
	$(CARGO) build --tests --quiet
	$(CARGO_TARGET_DIR)/debug/tourcentre exhibit

test: check-packages test-packages test-axe
	$(CARGO) nextest --version >/dev/null 2>&1 || $(CARGO) install --locked cargo-nextest
	$(CARGO) nextest run --no-fail-fast --cargo-quiet

check-packages:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(BUILD_PACKAGES)"

test-packages:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(TEST_PACKAGES)"

# axe-core 4 from npm, fetched once into the target directory (not into the clone).
.PHONY: test-axe
test-axe:
	@if [ ! -f "$(AXE_JS)" ]; then \
	  command -v npm >/dev/null || $(MAKE) --no-print-directory install-packages PACKAGES="npm" || exit 1; \
	  echo "Fetching axe-core 4 (npm) into $(CARGO_TARGET_DIR)/npm"; \
	  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$(CARGO_TARGET_DIR)/npm" axe-core@4 >/dev/null; \
	fi

.PHONY: install-packages
install-packages:
	@missing=""; \
	for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "Installing system packages:$$missing"; \
	  if [ ! -f /tmp/.tourcentre-apt-updated ]; then apt-get update -qq && touch /tmp/.tourcentre-apt-updated; fi; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else \
	  echo "These system packages are missing. Install them, then run make again:"; \
	  echo "  sudo apt-get install$$missing"; \
	  exit 1; \
	fi

build:
	$(CARGO) build

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings

bench:
	$(CARGO) bench
