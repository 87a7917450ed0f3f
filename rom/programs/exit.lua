-- exit: leave the shell.
shell.exit()
