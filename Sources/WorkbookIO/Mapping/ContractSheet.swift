/// The input sheets of the workbook contract, the names they go by, and their columns.
public enum ContractSheet: String, Sendable, Hashable, CaseIterable {
    case settings = "Settings"
    case accounts = "Accounts"
    case lots = "Lots"
    case model = "Model"
    case prices = "Prices"
    case securities = "Securities"
    case groups = "Groups"
    case sectors = "Sectors"
    case transactions = "Transactions"
    case manualTrades = "Manual Trades"

    /// Sheet names taken as this sheet, normalized (case, spaces and punctuation dropped).
    var names: [String] {
        switch self {
        case .settings: return ["settings", "setting", "parameters", "options", "config", "configuration", "runsettings"]
        case .accounts: return ["accounts", "account", "accountlist", "accountsetup", "clientaccounts"]
        case .lots: return ["lots", "taxlots", "holdings", "positions", "lotdetail", "lotdetails", "openlots",
                            "unrealizedlots", "costbasis", "lot", "unrealizedgainloss", "unrealizedgainslosses",
                            "unrealizedgainsandlosses", "unrealizedgl"]
        case .model: return ["model", "models", "targets", "modelweights", "targetweights", "modelportfolio", "target"]
        case .prices: return ["prices", "price", "quotes", "pricing", "pricelist"]
        case .securities: return ["securities", "security", "securitymaster", "instruments", "restrictions"]
        case .groups: return ["groups", "exposuregroups", "exposuregroup", "groupcaps", "caps"]
        case .sectors: return ["sectors", "sectorbands", "sector"]
        case .transactions: return ["transactions", "recenttransactions", "transactionhistory", "activity",
                                    "accountactivity", "history", "tradehistory", "recenttrades"]
        case .manualTrades: return ["manualtrades", "manualtrade", "manual", "pmtrades", "traderequests", "requestedtrades"]
        }
    }

    /// Required sheets (Prices until prices come from cache or API).
    /// The sheets a book cannot do without. Prices may come from the cache, the quote API or
    /// the Lots sheet's Price column: a symbol none of them prices is named by the chain.
    var isRequired: Bool { self == .lots || self == .model }

    /// A Household column's names that say household (on the Accounts sheet, a client's or
    /// family's name is read as one too).
    static let householdNames = ["household", "householdname", "hh", "householdid", "hhname", "hhid", "hhnumber",
                                 "householdnumber", "householdno", "householdcode", "clienthousehold"]

    /// The names of a market price's column, on the Prices sheet and a lot export alike.
    static let priceNames = ["price", "lastprice", "last", "close", "closingprice", "closeprice", "marketprice", "currentprice", "priceshare",
                             "px", "lastpx", "closepx", "mktprice", "mktpx",
                             // Bloomberg's field for the last price, pasted with its block (explore-DN).
                             "pxlast"]

    /// The names of the short-term realized gain so far this year, as custodians, CPAs and
    /// PMs write them (`ST Gains YTD`, `YTD STCG`, `Realized ST G/L YTD`); the long-term ones
    /// are the same with the term changed (`longTerm`).
    static let realizedYTDNames = [
        "realizedstytd", "ytdrealizedst", "realizedshorttermytd", "ytdrealizedshortterm", "ytdstrealized", "stytd",
        "strealizedytd", "stytdrealized", "realizedst", "strealized", "realizedshortterm", "shorttermrealized",
        "shorttermrealizedytd", "ytdshorttermrealized", "stgainsytd", "stgainytd", "ytdstgain", "ytdstgains", "ytdstgainloss",
        "ytdstgl", "stglytd", "stgainlossytd", "ytdshorttermgl", "ytdshorttermgainloss", "shorttermgainlossytd",
        "shorttermglytd", "shorttermgainsytd", "ytdshorttermgains", "ytdshorttermgain", "stcgytd", "ytdstcg",
        "shorttermcapitalgainsytd", "ytdshorttermcapitalgains", "shorttermcapitalgainytd", "realizedgainstytd",
        "realizedgainsstytd", "ytdrealizedgainsshortterm", "ytdrealizedgainshortterm", "ytdrealizedgainlossshortterm",
        "netstrealizedytd", "ytdnetstrealized", "strealizedgainloss", "strealizedgl", "realizedstgainloss", "realizedstgl",
        "realizedstglytd", "realizedstgainlossytd", "realizedstgain", "realizedstgains", "ytdrealizedstgain",
        "ytdrealizedstgains", "ytdrealizedstgainloss", "ytdrealizedstgl", "strealizedgain", "strealizedgains",
        "stytdgainloss", "stytdgl", "ytdst", "stgainsrealizedytd",
    ]

    /// The names of a column of short-term losses realized so far this year, beside one of the
    /// gains (`Realized ST Loss`, `ST Losses YTD`, `STCL YTD`); the long-term ones by `longTerm`.
    static let realizedLossYTDNames = [
        "realizedstloss", "realizedstlosses", "realizedstlossytd", "realizedstlossesytd", "ytdrealizedstloss",
        "ytdrealizedstlosses", "strealizedloss", "strealizedlosses", "strealizedlossytd", "strealizedlossesytd",
        "stlossytd", "stlossesytd", "ytdstloss", "ytdstlosses", "realizedshorttermloss",
        "realizedshorttermlosses", "shorttermrealizedloss", "shorttermrealizedlosses",
        "shorttermlossytd", "shorttermlossesytd", "ytdshorttermloss", "ytdshorttermlosses",
        "stclytd", "ytdstcl", "shorttermcapitallossytd",
        // Bare, beside a column of the year's gains as a realized-gain summary heads them
        // (`ST Gains YTD | ST Losses`); a carryforward says so (`Carryover`, `CF`).
        "stloss", "stlosses", "shorttermloss", "shorttermlosses", "stcl", "shorttermcapitalloss",
        "shorttermcapitallosses", "stcapitalloss", "stcapitallosses", "shorttermcapitallossesytd", "ytdshorttermcapitallosses",
        "realizedlossesstytd", "realizedlossstytd", "ytdrealizedlossesshortterm", "ytdrealizedlossshortterm",
    ]

    /// A Transactions column of the loss of a sale beside one of its gain (`Realized Loss`),
    /// and of one term's loss beside that term's gain (`Short-Term Loss`).
    static let realizedLossNames = ["realizedloss", "realizedlosses", "loss", "losses", "totalrealizedloss", "totalloss"]
    static let termLossNames = [
        "shorttermloss", "shorttermrealizedloss", "realizedshorttermloss", "stloss", "strealizedloss", "realizedstloss",
        "shorttermcapitalloss", "stcapitalloss",
    ]

    /// The names of the short-term capital loss carried into this year (`ST Loss Carryover`,
    /// `Short-Term Capital Loss Carryforward`, `ST CLCF`); the long-term ones by `longTerm`.
    static let carryforwardNames = [
        "stlosscarryforward", "stcarryforward", "shorttermlosscarryforward", "shorttermcarryforward", "stcarryover",
        "stlosscarryover", "shorttermlosscarryover", "shorttermcarryover", "stcapitallosscarryforward",
        "stcapitallosscarryover", "shorttermcapitallosscarryforward", "shorttermcapitallosscarryover", "stclcf",
        "stcapitallosscf", "stlosscf", "stcarryforwardloss", "stcarryoverloss", "carryforwardst", "carryoverst",
        "losscarryforwardst", "losscarryoverst", "capitallosscarryforwardst", "capitallosscarryoverst",
        "stcapitalcarryforward", "stcapitalcarryover", "priorstcarryforward", "priorstcarryover", "stcarryfwd",
        "stlosscarryfwd", "carryoverlossst", "carryforwardlossst", "stcf", "stclcarryforward",
    ]

    /// A short-term column's name with the term made long (`stcgytd` → `ltcgytd`,
    /// `shorttermcarryover` → `longtermcarryover`). No name above holds `st` but as the term.
    static func longTerm(_ name: String) -> String {
        var made = ""
        var rest = Substring(name)
        while !rest.isEmpty {
            if rest.hasPrefix("shortterm") {
                made += "longterm"
                rest = rest.dropFirst(9)
            } else if rest.hasPrefix("st") {
                made += "lt"
                rest = rest.dropFirst(2)
            } else {
                made.append(rest.removeFirst())
            }
        }
        return made
    }

    /// A Transactions column of one term's realized gain (`Short-Term Gain/Loss`, `ST G/L`).
    static let termGainNames = [
        "shorttermgainloss", "shorttermgain", "shorttermgl", "shorttermrealizedgainloss", "shorttermrealizedgain",
        "shorttermrealizedgl", "realizedshorttermgainloss", "realizedshorttermgain", "stgainloss", "stgain", "stgl",
        "strealizedgainloss", "strealizedgain", "strealizedgl", "realizedstgainloss", "realizedstgain", "realizedstgl",
        "shorttermcapitalgain", "shorttermcapitalgainloss", "stcapitalgain", "stcapitalgainloss",
    ]

    /// The names of a number of shares, on the Lots, Transactions and Manual Trades sheets alike
    /// (`Shares`, `Number of Shares`, `No. of Shares`, `Share Count`, `Qty (sh)`); each sheet adds
    /// its own (a lot's shares still held, a trade's shares filled). Transactions had read only
    /// five of them, and a loss sale's `Number of Shares` was read as blank (explore-EM).
    static let shareCountNames = [
        "quantity", "shares", "qty", "qtyquantity", "units", "sharesquantity", "quantityshares", "shareqty", "qtyshares",
        "sharesqty", "numberofshares", "noofshares", "numofshares", "qtysh", "qtyshs", "quantitysh", "quantityshs",
        "sharecount",
        // A share count headed by the word's abbreviation alone (`Shs`, `SH`): read as nothing on
        // Transactions, a loss sale's shares were blank.
        "sh", "shs", "shr", "shrs",
    ]

    /// The names of a lot's ID, on Lots and on Manual Trades (a sale naming its lot). Lots
    /// also reads a bare `ID`, which on Manual Trades is as often the trade's own number.
    static let lotIDNames = ["lotid", "lot", "lotnumber", "lotno", "taxlotid", "lotreference"]

    /// The names of a lot's or a sale's holding period (`Term (ST/LT)`, `Holding Period
    /// (ST/LT)`, `Long/Short Term`); not `Long/Short` alone, a position's side, nor `Gain Type`,
    /// which says Gain or Loss as often as the term.
    static let termNames = [
        "term", "holdingperiod", "stlt", "ltst", "termstlt", "termltst", "holdingperiodstlt", "holdingperiodltst",
        "stltterm", "longshortterm", "shortlongterm", "termtype", "termcode", "holdingpd",
        "holdingperiodterm", "holdingterm", "stltindicator", "stltflag",
    ]

    var columns: [ColumnSpec] {
        switch self {
        case .settings:
            return [.init("Setting", ["setting", "settings", "key", "parameter", "name", "item"]),
                    .init("Value", ["value", "values", "settingvalue"]),
                    .init("Unit", ["unit", "units", "uom", "unitofmeasure"], checksOnly: true)]
        case .accounts:
            return [.account,
                    .init("Name", ["name", "accountname", "description", "title"]),
                    .init("Household", ContractSheet.householdNames + ["family", "client", "relationship", "clientname",
                                                                          "familyname", "relationshipname", "familyid"]),
                    .init("Type", ["type", "accounttype", "registration", "registrationtype", "taxstatus"]),
                    .init("Cash", ["cash", "cashbalance", "cashbal", "availablecash", "cashavailable", "moneymarket"]),
                    .init("Cash Target", ["cashtarget", "targetcash", "cashreserve", "cashtarget%"], weight: true),
                    .init("Withdrawal", ["withdrawal", "withdrawals", "withdrawalamount", "distribution", "cashneed", "raisecash",
                                              "withdrawalrequest", "cashtoraise", "distributionamount", "requesteddistribution",
                                              "distributionrequest", "rmdamount", "rmdremaining", "remainingrmd", "rmdremainingamount", "remainingrmdamount",
                                              "remainingdistribution",
                                              "distributionremaining", "remainingwithdrawal", "withdrawalremaining",
                                              "amounttoraise", "outflow", "outflows",
                                              "cashwithdrawal", "cashneeded", "cashout", "cashrequest", "cashrequested",
                                              "cashrequired", "plannedwithdrawal", "plannedwithdrawals", "disbursement",
                                              "plannedoutflow", "cashoutflow", "onetimewithdrawal"]),
                    .init("Tax Budget", ["taxbudget", "budget", "maxtax", "taxlimit", "taxcap", "annualtaxbudget", "maxtaximpact",
                                         "maxtaxes", "taxmax", "taxceiling", "maxtaxcost", "taxallowance", "taxtolerance",
                                         "taxspend", "maximumtax"]),
                    .init("Short-Term Rate", ["shorttermrate", "strate", "shorttermtaxrate", "sttaxrate"], weight: true),
                    .init("Long-Term Rate", ["longtermrate", "ltrate", "longtermtaxrate", "lttaxrate"], weight: true),
                    .init("Realized ST YTD", ContractSheet.realizedYTDNames),
                    .init("Realized LT YTD", ContractSheet.realizedYTDNames.map(ContractSheet.longTerm)),
                    // A realized-gain summary's losses, beside its gains: netted with them.
                    .init("Realized ST Loss YTD", ContractSheet.realizedLossYTDNames, checksOnly: true),
                    .init("Realized LT Loss YTD", ContractSheet.realizedLossYTDNames.map(ContractSheet.longTerm), checksOnly: true),
                    .init("ST Loss Carryforward", ContractSheet.carryforwardNames),
                    .init("LT Loss Carryforward", ContractSheet.carryforwardNames.map(ContractSheet.longTerm)),
                    .init("Model", ["model", "modelname", "strategy", "modelportfolio"]),
                    // Harvest Losses said the other way round: a Yes turns harvesting off for the
                    // account. Until stop 49 it was advised to be renamed Harvest Losses, which
                    // would have turned it on (explore-BC).
                    .init("Do Not Harvest", ["donotharvest", "dontharvest", "noharvest", "noharvesting", "notlh", "donottlh",
                                             "excludefromharvest", "excludefromharvesting", "excludefromtlh", "harvestexclude",
                                             "tlhexclude", "excludetlh", "excludeharvest", "harvestoptout", "tlhoptout",
                                             "optoutoftlh", "nolossharvesting"],
                          checksOnly: true)]
                + SettingKey.perAccount.map { ColumnSpec($0.rawValue, $0.names) }
        case .lots:
            return [.accountOfRow, .symbol,
                    .init("Lot ID", ContractSheet.lotIDNames + ["id"]),
                    .init("Quantity", ContractSheet.shareCountNames
                              + ["sharesheld", "quantityheld", "sharesowned", "unitsheld", "sharespar", "quantitypar",
                                 "quantityparvalue", "currentquantity", "qtypar", "remainingquantity", "remainingqty",
                                 "remainingshares", "sharesremaining", "qtyremaining", "quantityremaining",
                                 "remainingunits", "openquantity", "openqty", "openshares"]),
                    .init("Cost Basis", ["costbasis", "costbasismoney", "costbasistotal", "totalcost", "totalcostbasis", "cost", "basis", "adjustedcostbasis", "costbasisamount",
                                         "adjcostbasis", "adjcost", "adjustedcost", "adjustedbasis", "adjbasis", "taxcost", "bookcost",
                                         "costbasisadjusted", "costamount", "taxbasis", "totalbasis",
                                         // An adjusted basis beside the original is a second Cost Basis
                                         // column, refused when the two disagree (explore-AQ).
                                         "adjustedtotalcost", "adjtotalcost", "adjcostbasistotal", "adjustedcostbasistotal",
                                         "costbasisadj", "totalcostadjusted", "totaladjustedcost", "adjustedtotalcostbasis"]),
                    .init("Unit Cost", ["unitcost", "costbasisprice", "costshare", "costpershare", "averagecostbasis", "averagecost", "avgcost", "pricepaid",
                                        "purchaseprice", "unitcostbasis", "costbasispershare", "costperunit", "avgcostshare", "averagecostpershare",
                                        "avgcostpershare", "costsh", "origcostshare", "origcostpershare", "originalcostpershare",
                                        "purchasepriceshare", "purchasepricepershare", "unitcostbasis$", "costbasisshare",
                                        "costbasissh", "basispershare", "basisshare", "adjustedcostshare", "adjcostshare",
                                        "adjustedcostpershare", "adjcostpershare", "adjustedunitcost", "adjunitcost"]),
                    .init("Acquired", ["acquired", "opendate", "dateacquired", "acquisitiondate", "acquireddate", "purchasedate", "datepurchased", "opened",
                                       "dateopened", "openeddate", "lotdate", "acqdate", "tradedate", "purchasedt", "opendt", "acqdt",
                                       "buydate", "datebought", "acquiredopened", "dateacq", "dateofacquisition", "acquisitiondt",
                                       "origacqdate", "originalacquisitiondate", "originalpurchasedate", "opendatetime",
                                       "tradedateacquired", "acquireddatetrade", "dateacquiredopened", "acquiredon"]),
                    // Not `Long/Short`: a position's side in most exports, not its holding period.
                    .init("Term", ["termoverride"] + ContractSheet.termNames),
                    // The day a lot's holding period starts when a wash sale carried the sold
                    // lot's period over to it (26 USC 1223(3)): earlier than its purchase.
                    .init("Holding Period Start", ["holdingperioddatetime", "holdingperioddate", "holdingperiodstart",
                                                   "holdingperiodstartdate", "holdingperiodbegins", "holdingperiodbegin",
                                                   "holdingperiodfrom", "adjustedacquireddate", "adjustedacquisitiondate",
                                                   "adjusteddateacquired", "adjustedopendate",
                                                   // Abbreviated as exports and PMs write them (explore-DI: each had
                                                   // been passed over with an Info line, the lot taxed short-term).
                                                   "adjacqdate", "adjacquireddate", "adjustedacqdate", "acquiredadj",
                                                   "acquiredadjusted", "adjdateacquired", "adjustedtradedate", "adjtradedate",
                                                   "adjopendate", "acquisitiondateadjusted", "adjustedacquired", "adjacquired",
                                                   "adjacquisitiondate", "washsaleadjusteddate", "washsaleadjdate",
                                                   "dateacquiredadjusted", "dateacquiredadj", "adjustedpurchasedate",
                                                   "adjpurchasedate", "opendateadjusted", "adjacqdt", "adjustedacqdt",
                                                   "adjustedacquisitiondt", "acqdateadj", "dateacqadj", "adjopendt",
                                                   "adjustedholdingperioddate", "dateacquiredwashadj"], checksOnly: true),
                    // A lot export's household (Orion, Black Diamond): each account's household when the
                    // Accounts sheet gives it none. Not a client's or family's name, which may be a
                    // person's (see `PortfolioBuilder.householdsFromLots`).
                    .init("Household", ContractSheet.householdNames, checksOnly: true),
                    // A lot export's current price: the symbol's price when the Prices sheet has none.
                    .init("Price", ContractSheet.priceNames),
                    // A lot export's value at that price: read only to tell a price per 100 of face.
                    .init("Market Value", ["marketvalue", "currentvalue", "mktvalue", "marketval"], checksOnly: true),
                    // A lot export's unrealized gain at that value: read only to tell a Cost Basis
                    // that is a cost per share (the row's value less its gain is the lot's basis).
                    .init("Unrealized Gain", ["unrealizedgainloss", "unrealizedgl", "unrealizedgain", "unrealizedgainlosses",
                                              "unrealizedgainorloss", "unrealizedpl", "unrealizedpnl", "gainloss",
                                              "totalgainloss", "gainlossdollar", "unrealizedgainloss$", "gainloss$"],
                          checksOnly: true),
                    // The date of that price, as a lot export gives it: a price of last quarter
                    // had been taken as of the run's As Of (explore-CQ). Not `Date`, which on a
                    // lot's row may be its purchase.
                    .init("As Of", ["asof", "asofdate", "pricedate", "pricedasof", "priceasof", "quotedate", "pricingdate",
                                    "lastpricedate", "pricedateasof", "priceasofdate"], checksOnly: true),
                    ContractSheet.currency,
                    ContractSheet.fxRate,
                    // An Interactive Brokers lot export's level: each position's summary row
                    // (`SUMMARY`) above its lots (`LOT`), read only to set the summaries aside.
                    .init("Level Of Detail", ["levelofdetail"], checksOnly: true),
                    // A lot export that lists closed lots beside open ones: read only to set them aside.
                    .init("Lot Status", ["lotstatus", "status", "openclosed", "closedopen", "positionstatus", "lotstate"],
                          checksOnly: true),
                    .init("Shares Sold", ["sharessold", "qtysold", "quantitysold", "soldquantity", "soldshares", "unitssold",
                                          "soldqty"], checksOnly: true),
                    .init("Close Date", ["closedate", "closeddate", "dateclosed", "datesold", "solddate", "saledate",
                                         "closingdate", "disposaldate", "datedisposed", "dispositiondate", "closedon"],
                          checksOnly: true),
                    // Whether the custodian knows the lot's basis: a basis of $0.00 beside Noncovered is unknown.
                    .init("Covered", ["covered", "coverednoncovered", "noncoveredcovered", "coveredstatus", "coveredindicator",
                                      "costbasiscovered", "coveredsecurity", "taxlotcovered", "noncovered", "coveredflag",
                                      "coveredyn", "basiscovered", "basisreported", "basisreportedtoirs"],
                          checksOnly: true)]
        case .model:
            return [.init("Model", ["model", "modelname", "strategy", "portfolio"]), .symbol,
                    .init("Target", ["target", "target%", "weight", "weight%", "model%", "targetweight", "targetpercent",
                                     "targetallocation", "allocation", "modelweight", "targetpct", "tgt", "tgtwt", "targetwt", "modelwt", "wgt",
                                     "policy", "policyweight"], weight: true),
                    .init("Band", ["band", "tolerance", "band%", "tolerance%", "driftband", "rebalanceband", "bandwidth", "corridor",
                                   "rebalancecorridor", "corridor%"], weight: true),
                    .init("Sector", ["sector", "assetclass", "category"])]
        case .prices:
            return [.symbol,
                    .init("Price", ContractSheet.priceNames),
                    .init("As Of", ["asof", "asofdate", "pricedate", "date", "pricedasof", "quotedate"]),
                    .init("Source", ["source", "pricesource", "vendor"]),
                    // A PM's own names for it (`PM Price`, `Use Price`), ignored with a note until
                    // stop 48, and the plan ran at the price the PM meant to replace (explore-AZ).
                    .init("Override", ["override", "overrideprice", "priceoverride", "manualprice", "overrides",
                                       "manualoverride", "overridepx", "pxoverride", "priceoverrides", "pmprice",
                                       "useprice", "pmoverride"]),
                    ContractSheet.currency,
                    ContractSheet.fxRate]
        case .securities:
            return [.symbol,
                    .init("Name", ["name", "description", "securityname", "securitydescription"]),
                    .init("Sector", ["sector", "assetclass", "category"]),
                    .init("Identical Group", ["identicalgroup", "identical", "substantiallyidentical", "washsalegroup", "washgroup", "family"]),
                    .init("Exposure Group", ["exposuregroup", "exposure", "group", "capgroup"]),
                    .init("Replacement", ["replacement", "replacements", "substitute", "substitutes", "harvestreplacement",
                                               "tlhreplacement"]),
                    .init("Restriction", ["restriction", "restrictions", "restricted", "tradingrestriction", "traderestriction",
                                               "restrictiontype"]),
                    .init("Phase Out", ["phaseout", "phaseouts", "legacy", "sellout", "liquidate"])]
        case .groups:
            return [.init("Exposure Group", ["exposuregroup", "group", "name", "groupname"]),
                    .init("Max Weight", ["maxweight", "maxweight%", "cap", "cap%", "maximum", "maximumweight", "max", "limit"], weight: true)]
        case .sectors:
            return [.init("Sector", ["sector", "sectorname", "assetclass"]),
                    .init("Band", ["band", "band%", "tolerance", "tolerance%", "sectorband"], weight: true)]
        case .transactions:
            return [.accountOfRow,
                    .init("Date", ["date", "tradedate", "rundate", "transactiondate", "activitydate", "closeddate", "closedate",
                                   "dateclosed", "datesold", "solddate", "saledate", "activitytradedate"]),
                    .symbol,
                    .init("Side", ["side", "action", "transactiontype", "buysell", "activity", "transaction", "transtype",
                                   "trantype", "trancode", "transcode", "transactioncode", "activitytype", "actiontype"]),
                    // A trade's shares as an execution report heads them (`Shares Traded`, `Filled Qty`): read
                    // as nothing, a loss sale was matched to no replacement shares and blocked a harvest.
                    .init("Quantity", ContractSheet.shareCountNames
                              + ["sharestraded", "qtytraded", "quantitytraded", "tradeqty", "tradequantity", "tradeshares",
                                 "filledqty", "filledquantity", "qtyfilled", "quantityfilled", "executedqty",
                                 "executedquantity", "qtyexecuted", "quantityexecuted"]),
                    .init("Price", ["price", "priceshare", "executionprice", "tradeprice"]),
                    .init("Realized Gain", ["realizedgain", "realizedgainloss", "gainloss", "realized", "realizedgl", "gain",
                                            "realizedpl", "realizedpnl", "fifopnlrealized", "realizedprofitloss",
                                            "totalgainloss", "totalrealizedgainloss", "netgainloss"]),
                    .init("Term", ContractSheet.termNames),
                    .init("Status", ["status", "orderstatus", "tradestatus"], checksOnly: true),
                    .init("Transaction ID", ["transactionid", "tradeid", "orderid", "orderno", "ordernumber", "confirmation",
                                             "confirmationnumber", "confirmationno", "confirmno", "referencenumber", "refno",
                                             "referenceid", "executionid", "execid", "tradenumber", "tradeno", "txnid",
                                             "transactionno", "transactionnumber", "order", "ordernum", "orderref", "ref", "refnum",
                                             "traderef", "confirmationnum", "confirmnumber"], checksOnly: true),
                    // An Interactive Brokers statement's level: each execution's closed lots follow it.
                    .init("Level Of Detail", ["levelofdetail"], checksOnly: true),
                    // A realized-gain export's two columns, one per term: read as the Realized Gain
                    // (their sum) and the Term (the one that holds the gain) where those are blank.
                    .init("Short-Term Gain", ContractSheet.termGainNames, checksOnly: true),
                    .init("Long-Term Gain", ContractSheet.termGainNames.map(ContractSheet.longTerm), checksOnly: true),
                    // A sale's loss beside its gain, in all or by term: netted with the gain.
                    .init("Realized Loss", ContractSheet.realizedLossNames, checksOnly: true),
                    .init("Short-Term Loss", ContractSheet.termLossNames, checksOnly: true),
                    .init("Long-Term Loss", ContractSheet.termLossNames.map(ContractSheet.longTerm), checksOnly: true)]
        case .manualTrades:
            return [.accountOfRow, .symbol,
                    .init("Side", ["side", "action", "buysell", "transactiontype"]),
                    // Not a fill's (`Filled Qty`): that marks the trade done (Done, below).
                    .init("Quantity", ContractSheet.shareCountNames
                              + ["tradeqty", "tradequantity", "tradeshares", "orderqty", "orderquantity", "sharestotrade"]),
                    .init("Amount", ["amount", "dollaramount", "dollars", "value", "tradeamount", "notional"]),
                    // The lot a sale is of (a "versus purchase" order): read as an unknown column,
                    // the sale took lots in Lot Method order (explore-CW).
                    .init("Lot ID", ContractSheet.lotIDNames),
                    .init("Note", ["note", "notes", "comment", "comments", "reason"]),
                    // A sheet kept as a running log of the PM's trades: rows already placed are
                    // not placed again.
                    .init("Trade Status", ["status", "orderstatus", "tradestatus", "state"], checksOnly: true),
                    // The same said by a flag (`Executed?` Yes, `Cancel` X): read as unknown
                    // columns, the trades they mark done were placed again (explore-BC).
                    .init("Done", ["done", "executed", "sent", "filled", "placed", "traded", "booked", "complete",
                                   "completed", "cancel", "cancelled", "canceled", "executedyn", "doneyn", "filledyn",
                                   "sentyn", "isexecuted", "isdone", "alreadyplaced", "alreadyexecuted",
                                   // A fill's own columns: filled, the trade was done.
                                   "filledqty", "filledquantity", "qtyfilled", "quantityfilled", "fillqty", "fillquantity",
                                   "filldate", "filleddate", "datefilled", "donedate", "datedone", "datesent", "sentdate",
                                   "dateplaced", "placeddate", "executedprice", "executionprice", "fillprice", "filledprice",
                                   "avgfillprice", "averagefillprice", "executedqty", "executedquantity", "qtyexecuted",
                                   "complete%", "completed%", "percentcomplete", "pctcomplete"],
                          checksOnly: true),
                    .init("Trade Date", ["date", "tradedate", "orderdate", "requestdate", "daterequested", "datesubmitted",
                                         "submitted", "executiondate", "executeddate", "dateexecuted", "dateentered"],
                          checksOnly: true)]
        }
    }

    /// The columns a PM enters, which the template shows: all but those read only to check
    /// another (`ColumnSpec.checksOnly`).
    /// The columns a PM fills in, as the template shows them: not those read only to check
    /// another, nor an account's overrides of Settings keys, which the Settings sheet holds.
    var enteredColumns: [String] {
        let overrides = Set(SettingKey.perAccount.map(\.rawValue))
        return columns.filter { !$0.checksOnly && !(self == .accounts && overrides.contains($0.name)) }.map(\.name)
    }

    /// What each column read only to check another is read for, as the PM is told.
    static let checkOnlyUse: [String: String] = [
        "Market Value": "to check the Price column (a bond or CD priced per 100 of face); lots are valued at the run's prices",
        "Unrealized Gain": "to check, with Market Value, that Cost Basis is each lot's total cost, not a cost per share; "
            + "gains are worked out at the run's prices",
        "Currency": "to refuse figures in a currency other than the dollar, which the tool plans in",
        "FX Rate": "to refuse a price in another currency (a rate other than 1): the tool plans in US dollars and applies no "
            + "exchange rates",
        "As Of": "to date the Price column's prices, which Price Max Age Days and Allow Stale Prices then judge",
        "Status": "to set aside orders that were not filled (Open, Cancelled, Expired, Rejected)",
        "Level Of Detail": "to set aside rows that are no trade or lot of their own: the closed lots listed under each "
            + "execution (Transactions), each position's summary row above its lots (Lots)",
        "Short-Term Gain": "as the Realized Gain and Term of a sale, with the Long-Term Gain, where those columns are blank",
        "Long-Term Gain": "as the Realized Gain and Term of a sale, with the Short-Term Gain, where those columns are blank",
        "Realized ST Loss YTD": "as short-term losses realized this year, netted with the short-term gains beside it",
        "Realized LT Loss YTD": "as long-term losses realized this year, netted with the long-term gains beside it",
        "Realized Loss": "as a sale's loss, netted with the gain beside it into its Realized Gain",
        "Short-Term Loss": "as a sale's short-term loss, netted with the Short-Term Gain",
        "Long-Term Loss": "as a sale's long-term loss, netted with the Long-Term Gain",
        "Unit": "to check each setting's value: % makes a plain number a percent, and a unit the tool does not read "
            + "the value in (thousands, basis points) is refused",
        "Transaction ID": "to tell a trade listed twice from two trades alike",
        "Lot Status": "to set aside lots marked closed or sold, which are not held",
        "Shares Sold": "to refuse a lot part sold whose Quantity may be what was bought",
        "Close Date": "to set aside lots closed or sold on or before the As Of date, which are not held",
        "Covered": "to refuse a lot's Cost Basis of $0.00 where the lot is marked noncovered, its basis unknown",
        "Trade Status": "to set aside manual trades already executed, sent or cancelled, which are not placed again",
        "Done": "to set aside manual trades its Yes marks executed, sent or cancelled, which are not placed again",
        "Do Not Harvest": "as the account's Harvest Losses the other way round: a Yes turns harvesting off for the account",
        "Trade Date": "to refuse a manual trade of an earlier day not marked still to be placed",
        "Holding Period Start": "to set the term of a lot whose holding period a wash sale carried back before its "
            + "purchase; the lot's purchase date still dates it for wash sales",
    ]

    /// A lot export's or price list's currency: read only to refuse figures in another than
    /// the dollar, which the tool plans in.
    static let currency = ColumnSpec("Currency", ["currency", "ccy", "curr", "pricecurrency", "tradecurrency", "currencycode"],
                                     checksOnly: true)

    /// An exchange rate beside a price (`FX Rate`, `Exchange Rate`): a rate other than 1 says the
    /// price is in another currency. Read as unknown, a Canadian line's price in CAD had been
    /// planned as dollars, 37% too high (explore-CQ).
    static let fxRate = ColumnSpec("FX Rate", ["fxrate", "fx", "exchangerate", "fxrt", "exchrate", "xrate", "conversionrate",
                                               "fxconversionrate", "currencyrate", "fxratetobase", "fxtobase", "fxtousd",
                                               "exchangeratetousd", "usdrate", "fxfactor"],
                                   checksOnly: true)

    /// Groups of columns the header must hold; each group is satisfied by any one of its names.
    var requiredColumns: [[String]] {
        switch self {
        case .settings: return [["Setting"], ["Value"]]
        case .accounts: return [["Account"]]
        case .lots: return [["Symbol"], ["Quantity"], ["Cost Basis", "Unit Cost"], ["Acquired"]]
        case .model: return [["Symbol"], ["Target"]]
        case .prices: return [["Symbol"], ["Price"]]
        case .securities: return [["Symbol"]]
        case .groups: return [["Exposure Group"], ["Max Weight"]]
        case .sectors: return [["Sector"], ["Band"]]
        case .transactions: return [["Date"], ["Symbol"], ["Side"]]
        case .manualTrades: return [["Symbol"], ["Side"], ["Quantity", "Amount"]]
        }
    }

    /// Normalized header name → contract column name.
    var headerLookup: [String: String] { ContractSheet.headerLookups[self]! }

    /// Each sheet's `headerLookup`, made once: made at each call, once per text cell of a
    /// row that only looks blank (`--` filled down to the sheet's last row), it took two
    /// minutes of a run (explore-CZ).
    private static let headerLookups: [ContractSheet: [String: String]] = Dictionary(
        uniqueKeysWithValues: allCases.map { sheet in
            var lookup: [String: String] = [:]
            for spec in sheet.columns {
                for synonym in spec.synonyms where lookup[synonym] == nil { lookup[synonym] = spec.name }
            }
            return (sheet, lookup)
        })

    /// The contract column a header names on this sheet, if any: `Target (%)`, `Weight` and
    /// `Model %` all name Target on the Model sheet.
    ///
    /// A text longer than `longestHeader` bytes names none: the search for a header reads
    /// every text of every row until it finds one, and normalizing long texts (a sheet of
    /// notes, 2,000 cells of 30,000 characters) took seconds to minutes before a missing
    /// sheet could be reported.
    func column(forHeader header: String, lookup: [String: String]? = nil) -> String? {
        guard header.utf8.count <= ContractSheet.longestHeader else { return nil }
        let table = lookup ?? headerLookup
        // A model's band headed by its sign alone (`+/-`, `±`, `+/- %`): no letters to match.
        if self == .model, ContractSheet.bandSigns.contains(header.filter { !$0.isWhitespace }) { return "Band" }
        // No column is in cents: `Price ¢` read as dollars made every price a hundred times
        // its own (explore-BO); it is named as a column that may be the Price, in cents.
        if header.contains("¢") { return nil }
        let (key, unit) = HeaderName.normalize(header)
        if let unit, let name = table[key + unit] { return name }
        // A percent of a figure in dollars or shares is not that figure: `Distribution %` of 4
        // read as the Withdrawal was a $4.00 withdrawal.
        guard let name = table[key] else { return annotatedColumn(header, lookup: table) }
        // Nor is a figure in dollars a weight: `Target $` beside `Target %` was read as the
        // targets (225000, "must be at most 100%"), the percents left unread.
        if unit == "$", ContractSheet.percentColumns.contains(name) { return nil }
        return unit == "%" && !ContractSheet.percentColumns.contains(name) ? nil : name
    }

    /// The column a header names under a trailing note that says what the column's own name
    /// does already (`Acquired (mm/dd/yyyy)`, `Price ($/sh)`, `Price per share`, `Quantity (sh)`,
    /// `Target (% of acct)`); nil when the note would change what the column holds: a cost per
    /// share is no Cost Basis (`Total Cost (per share)`). Each had been refused or passed over
    /// as no column (explore-EM). A day-first date's format (`Acquired (dd/mm/yyyy)`) names the
    /// date column, whose text dates that read either way are then asked about
    /// (`PortfolioReader.dayFirstHeaders`).
    private func annotatedColumn(_ header: String, lookup: [String: String]) -> String? {
        // A unit after the note (`Price per share ($)`, `Unit Cost (per share) $`): the note is
        // judged without it, and the unit as it is after a column's plain name. Refused before,
        // as a Prices sheet without its Price.
        guard let (name, note) = HeaderName.withoutNote(header) else {
            guard let (name, unit) = HeaderName.withoutUnit(header),
                  let column = annotatedColumn(name, lookup: lookup) else { return nil }
            return (unit == "%") == ContractSheet.percentColumns.contains(column) ? column : nil
        }
        guard let column = column(forHeader: name, lookup: lookup) else { return nil }
        switch note {
        case .dateFormat, .dayFirstDateFormat: return ContractSheet.dateColumns.contains(column) ? column : nil
        case .perShare: return ContractSheet.perShareColumns.contains(column) ? column : nil
        case .inShares: return column == "Quantity" || column == "Shares Sold" ? column : nil
        case .percentOfWhole: return ContractSheet.percentColumns.contains(column) ? column : nil
        }
    }

    /// The columns of dates, of every sheet.
    static let dateColumns: Set<String> = ["Acquired", "Date", "As Of", "Holding Period Start", "Close Date", "Trade Date"]

    /// The columns of a figure for one share, of every sheet.
    static let perShareColumns: Set<String> = ["Price", "Unit Cost", "Override"]

    /// A Model header that is a band's sign alone, spaces left out.
    static let bandSigns: Set<String> = ["+/-", "±", "+/-%", "±%", "(+/-)", "(±)", "+/-(%)", "±(%)", "+-"]

    /// The columns read as percents (weights, rates, bands), of every sheet.
    static let percentColumns: Set<String> = Set(
        allCases.flatMap { $0.columns.filter(\.isWeight).map(\.name) } + [SettingKey.harvestMinLossPercent.rawValue])

    /// The longest text, in UTF-8 bytes, read as a header; every contract name and synonym,
    /// with a unit and a PM's decoration (`Cost Basis Total ($, adjusted for wash sales)`),
    /// is far shorter.
    static let longestHeader = 256

    /// The sheet a workbook sheet name stands for, if any.
    static func matching(sheetName: String) -> ContractSheet? {
        let key = HeaderName.normalize(withoutTableName(withoutCopyNumber(withoutFileExtension(sheetName)))).key
        return allCases.first { $0.names.contains(key) }
    }

    /// A sheet's name without the extension of the file it was made from (`Manual
    /// Trades.csv`), as a book put together from exported files names its sheets (Gnumeric's
    /// `ssconvert --merge-to`); the name itself otherwise. Read by its contents alone, such a
    /// Manual Trades sheet was refused (explore-EH).
    static func withoutFileExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot > name.startIndex else { return name }
        let extensions: Set<String> = ["csv", "tsv", "txt", "xls", "xlsx", "xlsm", "ods"]
        return extensions.contains(name[name.index(after: dot)...].lowercased()) ? String(name[..<dot]) : name
    }

    /// A sheet's name without the ` (2)` Excel adds to a sheet's copy (Move or Copy, Create a
    /// copy); the name itself otherwise. `Lots (2)` is a Lots sheet: beside `Lots` the two are
    /// named as two, where the copy was ignored as a sheet the tool does not read (its lots
    /// were the current ones), and a visible copy beside a hidden original is read.
    ///
    /// Other programs name a copy their own way, taken the same way since stop 49 (explore-BA):
    /// LibreOffice `Lots_2`, Google Sheets `Copy of Lots`. Passed over, the copy's lots were
    /// left out unseen, or a hidden original's were planned.
    static func withoutCopyNumber(_ name: String) -> String {
        func isCopyNumber(_ text: Substring) -> Bool {
            !text.isEmpty && text.count <= 3 && text.allSatisfy { $0.isASCII && $0.isNumber }
        }
        let copyOf = "copy of "
        if name.count > copyOf.count, name.lowercased().hasPrefix(copyOf) { return String(name.dropFirst(copyOf.count)) }
        if let underscore = name.lastIndex(of: "_"), underscore > name.startIndex,
           isCopyNumber(name[name.index(after: underscore)...]) {
            return String(name[..<underscore])
        }
        guard name.hasSuffix(")"), let open = name.lastIndex(of: "("), open > name.startIndex,
              name[name.index(before: open)] == " " else { return name }
        guard isCopyNumber(name[name.index(after: open)..<name.index(before: name.endIndex)]) else { return name }
        return String(name[..<name.index(before: open)])
    }

    /// A sheet's name without the `- Table 1` Apple Numbers adds when it exports each table
    /// of a sheet as a worksheet (`Lots - Table 1`); the name itself otherwise.
    static func withoutTableName(_ name: String) -> String {
        let words = name.split(separator: " ")
        guard words.count >= 4, words[words.count - 3] == "-", words[words.count - 2].lowercased() == "table",
              words[words.count - 1].allSatisfy(\.isNumber) else { return name }
        return words.dropLast(3).joined(separator: " ")
    }
}

/// A column of a contract sheet and the header names it goes by (normalized).
struct ColumnSpec: Sendable, Hashable {
    var name: String
    var synonyms: [String]
    /// A weight or rate: percent cells and plain numbers read per column.
    var isWeight: Bool
    /// Read from an export only to check another column (a lot's Market Value against its
    /// Price, a Currency against the dollar): not one a PM enters, so the template leaves it out.
    var checksOnly: Bool

    init(_ name: String, _ synonyms: [String], weight: Bool = false, checksOnly: Bool = false) {
        self.name = name
        self.synonyms = synonyms
        self.isWeight = weight
        self.checksOnly = checksOnly
    }

    static let account = ColumnSpec("Account", ["account", "accountnumber", "accountno", "acct", "acctno", "acctnumber",
                                                "accountid", "accountcode", "portfolio", "portfolioid"])
    /// The account a lot, transaction or trade belongs to: its ID, or its name as the Accounts
    /// sheet gives it (an `Account Name` column, read as each cell is, by ID or by name). On the
    /// Accounts sheet `Account Name` is the Name.
    static let accountOfRow = ColumnSpec("Account", account.synonyms + accountNameSynonyms
                                            + ["holdingaccount", "clientaccountid", "acctnbr", "accountnbr", "accountnum",
                                               "acctnum", "accountnamenumber", "accountnumbername"])
    /// The headers of an Account column that names each account by its name, not its ID.
    static let accountNameSynonyms = ["accountname", "acctname", "accounttitle"]
    /// A separate CUSIP column is not a Symbol: custodian exports carry both.
    static let symbol = ColumnSpec("Symbol", ["symbol", "ticker", "symbolcusip", "tickersymbol", "securitysymbol", "sym"])
}

/// Header and key names as the contract matches them.
enum HeaderName {
    /// Lower case with a byte-order mark, spaces and punctuation dropped, and a trailing unit
    /// (`($)`, `(%)`, `$`, `%`) set apart: `Target (%)` → `target` with unit `%`.
    static func normalize(_ text: String) -> (key: String, unit: String?) {
        text.utf8.allSatisfy { $0 < 0x80 } ? normalizeASCII(text) : normalizeUnicode(text)
    }

    /// The units a header may end in, lower case, each read as `$` or `%`.
    static let unitSuffixes = ["($)", "(%)", "$", "%", "(usd)", "usd"]

    /// A header split into its name and the unit it ends in (`Price per share ($)` →
    /// `Price per share` and `$`); nil when it ends in none or is nothing but one.
    static func withoutUnit(_ text: String) -> (name: String, unit: String)? {
        let trimmed = text.trimmingWhitespace()
        let lower = trimmed.lowercased()
        for suffix in unitSuffixes where lower.hasSuffix(suffix) && lower.count > suffix.count {
            let name = String(trimmed.dropLast(suffix.count))
            // "usd" only as a separate word, as `normalize` reads it.
            if suffix == "usd", let last = name.last, !last.isWhitespace && last != "(" { continue }
            let bare = name.trimmingWhitespace()
            return bare.isEmpty ? nil : (bare, suffix.contains("%") ? "%" : "$")
        }
        return nil
    }

    /// `normalize` of an ASCII text, on its bytes: the Unicode properties asked of every
    /// character were most of the time a sheet of long notes took to search for a header.
    static func normalizeASCII(_ text: String) -> (key: String, unit: String?) {
        var bytes = text.utf8.map(\.asciiLowercased)
        func trim() {
            while let last = bytes.last, last.isASCIIWhitespace { bytes.removeLast() }
            let lead = bytes.prefix(while: \.isASCIIWhitespace).count
            if lead > 0 { bytes.removeFirst(lead) }
        }
        trim()
        var unit: String?
        for suffix in unitSuffixes {
            let tail = Array(suffix.utf8)
            guard bytes.count > tail.count, bytes.suffix(tail.count).elementsEqual(tail) else { continue }
            // "usd" only as a separate word: "Cost Basis USD", not "...usd" inside a word.
            if suffix == "usd" {
                let before = bytes[bytes.count - tail.count - 1]
                if !before.isASCIIWhitespace && before != UInt8(ascii: "(") { continue }
            }
            bytes.removeLast(tail.count)
            unit = suffix.contains("%") ? "%" : "$"
            break
        }
        trim()
        let key = bytes.filter { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }
        return (String(decoding: key, as: UTF8.self), unit)
    }

    /// `normalize` of any text.
    static func normalizeUnicode(_ text: String) -> (key: String, unit: String?) {
        var s = Substring(text.replacingBOM().lowercased())
        func trimSpaces() { while let c = s.last, c.isWhitespace { s.removeLast() }; while let c = s.first, c.isWhitespace { s.removeFirst() } }
        trimSpaces()
        // A footnote's mark after the name (`Acquired¹`, `Cost Basis²`, `Price†`): read as a
        // digit, `Acquired¹` was `acquired1`, no column's name.
        while let last = s.unicodeScalars.last, footnoteMarks.contains(last), s.unicodeScalars.count > 1 {
            s = Substring(String(String.UnicodeScalarView(s.unicodeScalars.dropLast())))
        }
        trimSpaces()
        var unit: String? = nil
        for suffix in unitSuffixes where s.hasSuffix(suffix) && s.count > suffix.count {
            let candidate = s.dropLast(suffix.count)
            // "usd" only as a separate word: "Cost Basis USD", not "...usd" inside a word.
            if suffix == "usd", let last = candidate.last, !last.isWhitespace && last != "(" { continue }
            s = candidate
            unit = suffix.contains("%") ? "%" : "$"
            break
        }
        trimSpaces()
        let key = String(String.UnicodeScalarView(s.unicodeScalars.filter {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }))
        return (key, unit)
    }
}

extension HeaderName {
    /// What a header's trailing note says of its column's figures.
    enum Note: Equatable {
        /// A date's format, month first or year first (`(mm/dd/yyyy)`, `(YYYY-MM-DD)`).
        case dateFormat
        /// A date's format with the day before the month (`(dd/mm/yyyy)`): the column is read,
        /// and its text dates that read either way are asked about (`flagDayFirstColumns`).
        case dayFirstDateFormat
        /// One share's figure (`($/sh)`, `(per share)`, `per share`, `/sh`).
        case perShare
        /// A count of shares (`(sh)`, `(shares)`, `(#)`).
        case inShares
        /// A weight of the whole account (`(% of acct)`, `(% of portfolio)`); not of a part
        /// of it (`(% of equity)`), which says another base.
        case percentOfWhole
    }

    /// A header split into its name and a trailing note on its figures (`Acquired
    /// (mm/dd/yyyy)` → `Acquired` and a date's format; `Price per share` → `Price` and one
    /// share's figure); nil when it ends in none. Whether the note fits the column its name
    /// names is the caller's to judge.
    static func withoutNote(_ text: String) -> (name: String, note: Note)? {
        let trimmed = text.trimmingWhitespace()
        if let close = trimmed.last, close == ")" || close == "]",
           let open = trimmed.lastIndex(of: close == ")" ? "(" : "["), open > trimmed.startIndex {
            let name = String(trimmed[..<open]).trimmingWhitespace()
            let inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            guard !name.isEmpty, let note = note(inner) else { return nil }
            return (name, note)
        }
        // Unbracketed, only a rate per share (`Price per share`, `Price/Sh`): a name's last word
        // is no note (`Qty Shares` is a column's whole name). Asked of every text while a header
        // is sought, so most are let go at their last word.
        guard let cut = trimmed.lastIndex(where: { $0 == "/" || $0.isWhitespace }),
              shareWords.contains(trimmed[trimmed.index(after: cut)...].lowercased()) else { return nil }
        var name = String(trimmed[..<cut]).trimmingWhitespace()
        if name.hasSuffix("/") {
            name.removeLast()
        } else if trimmed[cut] != "/" {
            guard name.lowercased().hasSuffix(" per") else { return nil }
            name.removeLast(4)
        }
        name = name.trimmingWhitespace()
        return name.isEmpty ? nil : (name, .perShare)
    }

    /// The note a bracket's text is, if any.
    private static func note(_ inner: Substring) -> Note? {
        let compact = inner.lowercased().filter { !$0.isWhitespace && $0 != "$" && $0 != "." }
        // A currency before a rate (`$/sh`, `USD per share`) says only dollars.
        let bare = compact.hasPrefix("usd") ? String(compact.dropFirst(3)) : compact
        for rate in ["/", "per"] where bare.hasPrefix(rate) {
            return shareWords.contains(String(bare.dropFirst(rate.count))) ? .perShare : nil
        }
        if shareWords.contains(bare) || ["#", "#ofshares", "noofshares", "numberofshares"].contains(bare) { return .inShares }
        if let note = dateFormatNote(compact) { return note }
        for percent in ["%of", "pctof", "percentof"] where compact.hasPrefix(percent) {
            return wholeWords.contains(String(compact.dropFirst(percent.count))) ? .percentOfWhole : nil
        }
        return nil
    }

    /// The words of one share, as a note writes it.
    static let shareWords: Set<String> = ["share", "shares", "sh", "shs", "shr", "shrs"]

    /// The words of a whole account or book, as a weight's note names its base.
    static let wholeWords: Set<String> = ["acct", "account", "accounts", "portfolio", "port", "total", "aum", "assets",
                                          "model", "household", "hh", "nav", "mv", "marketvalue", "accountvalue",
                                          "portfoliovalue", "totalportfolio", "totalaccount"]

    /// The note a date's format is: written with the month before the day (`mm/dd/yyyy`,
    /// `m-d-yy`, `yyyy-mm-dd`), as the tool reads a text date, or with the day first
    /// (`dd/mm/yyyy`); nil for no date's format.
    static func dateFormatNote(_ compact: String) -> Note? {
        guard compact.allSatisfy({ "mdy/-,".contains($0) }),
              let month = compact.firstIndex(of: "m"), let day = compact.firstIndex(of: "d"), compact.contains("y")
        else { return nil }
        return month < day ? .dateFormat : .dayFirstDateFormat
    }

    /// The marks a header may carry to a footnote: superscript digits and daggers.
    static let footnoteMarks: Set<Unicode.Scalar> = [
        "\u{00B9}", "\u{00B2}", "\u{00B3}", "\u{2070}", "\u{2074}", "\u{2075}", "\u{2076}", "\u{2077}", "\u{2078}",
        "\u{2079}", "\u{2020}", "\u{2021}",
    ]
}

extension String {
    func replacingBOM() -> String {
        guard contains("\u{FEFF}") else { return self }
        return String(filter { $0 != "\u{FEFF}" })
    }
}
