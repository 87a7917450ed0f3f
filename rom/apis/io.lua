--- io: Lua's io library on top of fs handles and the terminal.

local expect = dofile("rom/modules/main/cc/expect.lua").expect
local type_of = _G.type -- this API defines its own `type`

local file_mt = { __name = "FILE*" }
local methods = {}
file_mt.__index = methods

local function wrap(handle)
    return setmetatable({ _handle = handle }, file_mt)
end

local function is_file(value)
    return type_of(value) == "table" and getmetatable(value) == file_mt
end

-- Every method starts with this: `self` must be an open file. Errors blame
-- the method's caller (level 3 from here).
local function check_open(self)
    if not is_file(self) then
        error("bad argument #1 (FILE expected, got " .. type_of(self) .. ")", 3)
    end
    if self._closed then error("attempt to use a closed file", 3) end
    return self._handle
end

function file_mt.__tostring(self)
    if self._closed then return "file (closed)" end
    local id = tostring(self._handle):match("^table: (.*)$") or tostring(self._handle)
    return "file (" .. id .. ")"
end

--- Close the file. Standard streams cannot be closed.
function methods.close(self)
    local handle = check_open(self)
    if not handle.close then return nil, "attempt to close standard stream" end
    self._closed = true
    handle.close()
    return true
end

function methods.flush(self)
    local handle = check_open(self)
    if handle.flush then handle.flush() end
    return true
end

-- Read a number the way Lua's "n" format does: skip whitespace, then take
-- the longest numeral. The character after it is put back when possible.
local function read_number(handle)
    if not handle.read then return nil end
    local function next_char()
        local c = handle.read(1)
        if type_of(c) == "number" then c = string.char(c) end
        return c
    end
    local c = next_char()
    while c and c:match("^%s$") do c = next_char() end
    local text = ""
    while c and #text < 200 and (text .. c):match("^[-+]?[%x.]*[xXeEpP]?[-+]?%x*$") do
        text = text .. c
        c = next_char()
    end
    if c and handle.seek then handle.seek("cur", -1) end
    return tonumber(text)
end

-- One read format: a count, or l / L / a / n (optionally after a "*").
local function read_one(handle, format, index)
    if type_of(format) == "number" then
        if not handle.read then return nil end
        local data = handle.read(format)
        if type_of(data) == "number" then data = string.char(data) end
        return data
    elseif type_of(format) ~= "string" then
        error("bad argument #" .. index .. " (string expected, got " .. type_of(format) .. ")", 3)
    end
    local kind = format:gsub("^%*", ""):sub(1, 1)
    if kind == "l" then
        return handle.readLine and handle.readLine() or nil
    elseif kind == "L" then
        return handle.readLine and handle.readLine(true) or nil
    elseif kind == "a" then
        return handle.readAll and (handle.readAll() or "") or nil
    elseif kind == "n" then
        return read_number(handle)
    end
    error("bad argument #" .. index .. " (invalid format)", 3)
end

--- Read with each format in turn (default "l"): returns one value per
-- format, stopping at the first that gives nil.
function methods.read(self, ...)
    local handle = check_open(self)
    if not handle.read and not handle.readLine then return nil, "Not opened for reading" end
    local count = select("#", ...)
    if count == 0 then
        return handle.readLine and handle.readLine() or nil
    end
    local results = {}
    for i = 1, count do
        results[i] = read_one(handle, select(i, ...), i)
        if results[i] == nil then break end
    end
    return table.unpack(results, 1, count)
end

-- Files opened by io.lines close themselves when their lines run out.
local function finish_line(file, ...)
    if (...) == nil and file._autoclose and not file._closed then file:close() end
    return ...
end

--- An iterator reading with the given formats (default "l") each call.
function methods.lines(self, ...)
    local handle = check_open(self)
    if not handle.read and not handle.readLine then return nil, "file is not readable" end
    local formats = table.pack(...)
    return function()
        if self._closed then error("file is already closed", 2) end
        return finish_line(self, self:read(table.unpack(formats, 1, formats.n)))
    end
end

--- Move the file position; returns the new one. whence: "set", "cur", "end".
function methods.seek(self, whence, offset)
    local handle = check_open(self)
    if not handle.seek then return nil, "file is not seekable" end
    return handle.seek(whence, offset)
end

--- Buffering has no meaning here; kept for compatibility.
function methods.setvbuf(self, mode, size) end

--- Write strings and numbers; returns the file for chaining.
function methods.write(self, ...)
    local handle = check_open(self)
    if not handle.write then return nil, "file is not writable" end
    for i = 1, select("#", ...) do
        local value = select(i, ...)
        expect(i, value, "string", "number")
        handle.write(value)
    end
    return self
end

-- The terminal as files. Globals are looked up on use, so a later
-- replacement of read/write is honoured.
local function terminal_read_line(with_newline)
    local line = _G.read()
    if line ~= nil and with_newline then line = line .. "\n" end
    return line
end

local function terminal_write(text)
    _G.write(text)
end

local function terminal_write_error(text)
    local colour = term.isColour() and term.getTextColour()
    if colour then term.setTextColour(colors and colors.red or 0x4000) end
    _G.write(text)
    if colour then term.setTextColour(colour) end
end

stdin = wrap({ readLine = terminal_read_line })
stdout = wrap({ write = terminal_write })
stderr = wrap({ write = terminal_write_error })

local current_input, current_output = stdin, stdout

--- Open a file; mode defaults to "r". Returns a file, or nil and a message.
function open(filename, mode)
    expect(1, filename, "string")
    expect(2, mode, "string", "nil")
    local handle, err = fs.open(filename, mode or "r")
    if not handle then return nil, err end
    return wrap(handle)
end

--- Close a file (default: the current output).
function close(file)
    if file == nil then return current_output:close() end
    if not is_file(file) then
        error("bad argument #1 (FILE expected, got " .. type_of(file) .. ")", 2)
    end
    return file:close()
end

function flush()
    return current_output:flush()
end

-- Shared by input/output: switch to a path (opened with `mode`) or file.
local function choose(current, file, mode)
    if type_of(file) == "string" then
        local opened, err = open(file, mode)
        if not opened then error(err, 3) end
        return opened
    elseif is_file(file) then
        return file
    elseif file ~= nil then
        error("bad argument #1 (FILE expected, got " .. type_of(file) .. ")", 3)
    end
    return current
end

--- Get or set the current input file (a path or a file).
function input(file)
    current_input = choose(current_input, file, "r")
    return current_input
end

--- Get or set the current output file (a path or a file).
function output(file)
    current_output = choose(current_output, file, "w")
    return current_output
end

--- Iterate over the lines of a file (closed at the end), or of the current
-- input when no name is given. Errors if the file cannot be opened.
function lines(filename, ...)
    expect(1, filename, "string", "nil")
    if not filename then return current_input:lines(...) end
    local file, err = open(filename, "r")
    if not file then error(err, 2) end
    file._autoclose = true
    return file:lines(...)
end

function read(...)
    return current_input:read(...)
end

function write(...)
    return current_output:write(...)
end

--- "file", "closed file", or nil when `obj` is not a file.
function type(obj)
    if not is_file(obj) then return nil end
    return obj._closed and "closed file" or "file"
end
