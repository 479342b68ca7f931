require_relative "config/environment"
