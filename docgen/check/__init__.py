"""Reading .docx files back: effective formatting, as a checker or a test needs it."""
