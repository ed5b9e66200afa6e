# The two commands a newcomer runs: `make demo` and `make test`. Both install the Debian
# packages the build needs first, and only those pkg-config cannot already find.

SWIFT      ?= swift
CORPUS     ?= ../shared/xlsx-corpus
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN         = .build/debug/rebalancer
DEMO_BOOK   = SampleWorkbooks/Household Portfolio.xlsx

DEMO_DIR    = demo-output

.PHONY: deps build test conformance demo bench fuzz taxcheck clean

deps:
	@missing=""; \
	command -v pkg-config >/dev/null 2>&1 || missing="$$missing pkg-config"; \
	pkg-config --exists libzip 2>/dev/null || missing="$$missing libzip-dev"; \
	pkg-config --exists libxml-2.0 2>/dev/null || missing="$$missing libxml2-dev"; \
	pkg-config --exists xlsxwriter 2>/dev/null || missing="$$missing libxlsxwriter-dev"; \
	pkg-config --exists zlib 2>/dev/null || missing="$$missing zlib1g-dev"; \
	pkg-config --exists libcurl 2>/dev/null || missing="$$missing libcurl4-openssl-dev"; \
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
	@rm -rf "$(DEMO_DIR)" && mkdir -p "$(DEMO_DIR)"
	@cp "$(DEMO_BOOK)" "$(DEMO_DIR)/"
	@echo "Rebalancing a copy of \"$(DEMO_BOOK)\" in $(DEMO_DIR)/:"
	@$(BIN) "$(DEMO_DIR)/$(notdir $(DEMO_BOOK))"
	@echo
	@echo "Open the .xlsx above for the CIO's Summary, Trades, Lots Sold, Tax Impact, Cash, Drift,"
	@echo "Price Provenance, Wash Sale, Audit Log and Exceptions sheets."

# The reader, planning and the whole run on a firm-scale book (1,000 accounts x 200 lots
# over 500 symbols) in a release build, beside openpyxl, XlsxWriter and python-calamine
# (pinned, in .build/bench-venv): median wall time, peak memory, ratios, targets.
# RUNS=N and PY_RUNS=N set the runs; BREAKDOWN=1 adds read/plan/write in one process.
bench: deps
	SWIFT="$(SWIFT)" scripts/bench.sh

# The sample workbooks broken at random and run through a release build: each run must plan
# with every invariant holding, or refuse with exit 1, no output and the input untouched.
# MODE=layout: the same book laid out another way must plan the same trades.
# MODE=xml|values|gentle|layout (all but xml use openpyxl, in .build/bench-venv), RUNS, SEED.
fuzz: deps
	$(SWIFT) build -c release --product rebalancer
	$(SWIFT) build -c release --product RebalanceBench
	"$$(scripts/venv.sh)" scripts/fuzz.py --mode $(or $(MODE),xml) --runs $(or $(RUNS),200) --seed $(or $(SEED),1) \
		--bin "$$($(SWIFT) build -c release --show-bin-path)"

# The tax and wash-sale arithmetic of generated books checked by two checkers written from
# the workbook contract alone (scripts/check_tax.py, scripts/check_wash.py; openpyxl, in
# .build/bench-venv). RUNS=N books from SEED=S, of SHAPE=small (default), larger, dense or firm.
taxcheck: deps
	$(SWIFT) build -c release --product rebalancer
	$(SWIFT) build -c release --product BookGenerator
	scripts/taxcheck.sh "$$(scripts/venv.sh)" "$$($(SWIFT) build -c release --show-bin-path)" $(or $(RUNS),100) $(or $(SEED),1) $(or $(SHAPE),small)

clean:
	rm -rf .build "$(DEMO_DIR)"
