module event-value/recorders/go

go 1.19
