"""N30 layout rules as data, shared by the template builder and the checker."""
