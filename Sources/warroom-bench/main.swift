print("warroom-bench")
