-- wrk script: GET /sub/<token> for tokens read from $BENCH_TOKENS, in turn, as a v2rayNG client.
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
local i = 0
request = function()
  i = i % #tokens + 1
  return wrk.format("GET", "/sub/" .. tokens[i], { ["User-Agent"] = "v2rayNG/1.9.16" })
end
