# The two commands a newcomer runs: `make demo` and `make test`. Both install the Debian
# packages the build needs first, and only those pkg-config cannot already find.

SWIFT      ?= swift
CORPUS     ?= ../shared/xlsx-corpus
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN         = .build/debug/rebalancer
DEMO_BOOK   = SampleWorkbooks/Household Portfolio.xlsx

.PHONY: deps build test conformance demo clean

deps:
	@missing=""; \
	command -v pkg-config >/dev/null 2>&1 || missing="$$missing pkg-config"; \
	pkg-config --exists libzip 2>/dev/null || missing="$$missing libzip-dev"; \
	pkg-config --exists libxml-2.0 2>/dev/null || missing="$$missing libxml2-dev"; \
	pkg-config --exists xlsxwriter 2>/dev/null || missing="$$missing libxlsxwriter-dev"; \
	pkg-config --exists zlib 2>/dev/null || missing="$$missing zlib1g-dev"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	@if [ -d "$(CORPUS)" ]; then $(MAKE) --no-print-directory conformance; \
	else echo "conformance skipped: $(CORPUS) is not here"; fi

conformance: build
	scripts/conformance.sh $(BIN) $(CORPUS)

demo: build
	@echo "Reading \"$(DEMO_BOOK)\":"
	@$(BIN) inspect "$(DEMO_BOOK)"
	@echo
	@echo "Its Lots sheet, cell by cell (sheet, cell, type, value):"
	@$(BIN) inspect --cells Lots "$(DEMO_BOOK)" | head -15

clean:
	rm -rf .build
