"""Text intake, pure part: rules that turn an English text into proposed records."""
