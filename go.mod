module footnote

go 1.26.0
