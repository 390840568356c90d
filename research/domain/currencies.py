"""Currency codes (ISO 4217) and symbols: tables of data, kept apart so the locale scan can allow them."""

from __future__ import annotations

CURRENCIES = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN
    BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS
    GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW
    KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD
    NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD
    SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES
    VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL
    """.split()  # noqa: SIM905 -- one table, read at a glance
)

# A symbol names a currency; "$" alone could be any dollar.
SYMBOLS: dict[str, str | None] = {
    "$": None,
    "£": "GBP",
    "€": "EUR",
    "NZ$": "NZD",
    "US$": "USD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "HK$": "HKD",
    "S$": "SGD",
}
# How an amount in the reporting currency is shown; others carry their code.
SHOWN_SYMBOLS = {"NZD": "$", "AUD": "$", "USD": "$", "CAD": "$", "GBP": "£", "EUR": "€"}
# What one unit is called in running text ("won per pound granted"); others are named by their code.
UNIT_NAMES = {
    **dict.fromkeys(("NZD", "AUD", "USD", "CAD", "HKD", "SGD", "FJD", "TWD", "JMD", "BSD", "BBD"), "dollar"),
    **dict.fromkeys(("GBP", "EGP", "GIP", "FKP", "SHP"), "pound"),
    "EUR": "euro",
    "JPY": "yen",
    "CNY": "yuan",
    "INR": "rupee",
    "CHF": "franc",
    "ZAR": "rand",
    **dict.fromkeys(("SEK", "NOK", "DKK", "ISK"), "krona"),
}
