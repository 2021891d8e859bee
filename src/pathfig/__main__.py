from pathfig.cli import main

main()
