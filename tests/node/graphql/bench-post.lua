-- wrk script: POSTs the JSON body in the file named by BODY_FILE to the URL, keep-alive.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
-- Our server needs a secret key (the reference servers ignore the header).
local authorization = os.getenv("CDP_AUTHORIZATION")
if authorization then wrk.headers["Authorization"] = authorization end
local file = io.open(os.getenv("BODY_FILE"), "r")
wrk.body = file:read("*a")
file:close()
