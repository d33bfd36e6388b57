package main

// runGUI opens the desktop app. Until the GUI lands it prints the help.
func runGUI() int {
	usage()
	return 0
}
