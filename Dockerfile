# Sell-off Lens: `docker build -t selloff-lens . && docker run -p 8501:8501 selloff-lens`
# The code and the snapshot belong to root and are read-only for the runtime user; only the cache is writable.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 SELLOFF_CACHE_DIR=/var/cache/selloff
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# Plotly.js for the replay's in-place charts, placed at build time: the runtime folder is read-only
RUN python -c "from components.inplace_chart import served; assert served()"
RUN useradd --create-home lens \
 && chmod -R a+rX,go-w /app \
 && mkdir -p /var/cache/selloff && chown lens /var/cache/selloff
USER lens
EXPOSE 8501
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health')"
CMD ["streamlit", "run", "serve.py", "--server.address=0.0.0.0", "--server.port=8501"]
