// RebalanceEngine: the pure rule engine. No files, no clock, no network.
