// filled in with the day page
