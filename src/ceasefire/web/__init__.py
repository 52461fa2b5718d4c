"""The dashboard: server-rendered pages, plain JS and Leaflet, no build step ([5/6])."""
