"""What is wrong with a site: pure checkers over parsed pages and the stored crawl.

No module in this package touches the network."""
