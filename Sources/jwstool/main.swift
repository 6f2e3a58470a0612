print("jwstool")
