package lua

// craftos: prototypes compiled ahead of time (craftos's precompiled ROM, as
// PUC's lundump.c loads luac output) are built field by field outside the
// compiler; FinishLoaded rebuilds the one private cache the compiler fills
// in, the string constants GETGLOBAL/SETGLOBAL index, in p and the
// functions nested in it.
func (fp *FunctionProto) FinishLoaded() {
	fp.stringConstants = make([]string, len(fp.Constants))
	for i, c := range fp.Constants {
		if s, ok := c.(LString); ok {
			fp.stringConstants[i] = string(s)
		}
	}
	for _, child := range fp.FunctionPrototypes {
		child.FinishLoaded()
	}
}
