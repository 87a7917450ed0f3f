package vm

import lua "github.com/yuin/gopher-lua"

// Func is the function a coroutine was created from (the event trace names
// coroutines by where it was defined).
func (co *Coroutine) Func() *lua.LFunction { return co.fn }
