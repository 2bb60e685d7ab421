vwdt_fuzz-srcs := core/vwdt_model.c core/vwdt_sp805.c core/vwdt_sunxi.c
