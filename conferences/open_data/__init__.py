"""The programme as open data: our own versioned JSON, the frab schedule formats (XML and
JSON) that schedule apps read, xCal, the read-only API and the printable programme.

Every export reads one `ProgrammeData` (loading.py) in a fixed number of queries, whatever
the number of sessions, so the formats cannot disagree about what is published."""
