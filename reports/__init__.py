"""How findings are shown: HTML, JSON and CSV renderers over stored results.

Renderers format; they never decide what is wrong."""
