-- One URL, the one on wrk's command line (the ceiling, the home page, a single hot product).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
