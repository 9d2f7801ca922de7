"""reports: findings in, HTML/DOCX/XLSX/JSON out."""
