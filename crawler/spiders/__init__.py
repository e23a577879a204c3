"""Scrapy spiders; one generic spider serves every agency."""
