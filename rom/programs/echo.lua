-- echo: print the arguments, joined by spaces (a craftos addition).
print(table.concat({ ... }, " "))
