-- String escapes (5.2): \a \b \f \n \r \t \v \\ \" \' \ddd \xhh \z and line continuations.
local function bytes(s) local t = {} for i = 1, #s do t[i] = s:byte(i) end return table.concat(t, ",") end
print(bytes("\a\b\f\n\r\t\v\\\"\'"))
print(bytes("\0\1\65\065\0651\255"))
print(bytes("\x41\x7a\x00\xff\xFF"))
print(bytes("a\z
        b"), bytes("a\z  b"))
print(bytes("line\
next"))
print(bytes('single \'quoted\''))
print(bytes([[long
string]]), bytes([==[with ]] inside]==]), bytes([[
first newline skipped]]))
print(bytes("\r\n"))
print(load([[return "\300"]]))
print(load([[return "\xg0"]]))
print(load([[return "\q"]]))
print(load([[return "unfinished]]))
print(#"\z", #"\z   ")
local s = "tab\tend"
print(s:find("\t"), ("%q"):format("\v\f"))
